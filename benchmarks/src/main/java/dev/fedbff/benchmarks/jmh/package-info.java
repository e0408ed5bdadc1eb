/** JMH benchmarks of the engine's stages on The Guild's benchmark query; each class's Javadoc says how to run it. */
@NullMarked
package dev.fedbff.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
