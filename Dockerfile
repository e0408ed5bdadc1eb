# One multi-stage build for every service of docker-compose.yml. The first stage builds the Maven artifacts once;
# each service's image is the second stage with its own jar (build arguments MODULE and ARTIFACT):
#   docker build --build-arg MODULE=web-bff --build-arg ARTIFACT=web-bff -t fedbff/web-bff .
# The images need nothing from the host: no bind mounts. Their health checks run the launcher's HealthProbe with the
# image's own JRE (no wget or curl needed):
#   java -cp /app/launcher.jar dev.fedbff.launcher.HealthProbe http://localhost:8080/actuator/health/readiness

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package \
      -pl subgraphs/users,subgraphs/orders,subgraphs/products,subgraphs/payments,web-bff,mobile-bff,registry,launcher,cli -am

FROM eclipse-temurin:17-jre
ARG MODULE
ARG ARTIFACT
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /app
COPY --from=build /src/launcher/target/launcher-${VERSION}.jar /app/launcher.jar
COPY --from=build /src/schema /app/schema
COPY --from=build /src/${MODULE}/target/${ARTIFACT}-${VERSION}-exec.jar /app/app.jar
RUN useradd --system --uid 10001 fedbff
USER fedbff
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
