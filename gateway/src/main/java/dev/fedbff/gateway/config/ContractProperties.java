package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.Contract;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * Which part of the composed graph this BFF serves, under {@code fedbff.contract}, by the {@code @tag(name:)} names of
 * the schema files, with the rules of Apollo's contracts. A hidden element is absent from introspection and refused by
 * validation like an unknown field; a type left without fields goes with it.
 *
 * @param include tag names an element needs to be served (an object or interface field, or its type; a union); empty
 *                serves everything not excluded
 * @param exclude tag names that hide an element wherever they are, e.g. {@code [web-only, internal]} on a phone's BFF
 */
@ConfigurationProperties("fedbff.contract")
public record ContractProperties(List<String> include, List<String> exclude) {

    public ContractProperties {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public Contract contract() {
        return new Contract(Set.copyOf(include), Set.copyOf(exclude));
    }
}
