package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.auth.CallerAuthenticationConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who is calling: the token subject, else the client address, with X-Forwarded-For believed only from our proxies. */
class CallerKeyResolverTest {

    final CallerKeyResolver resolver = new SubjectOrAddressKeyResolver(TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8")));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # peer          | X-Forwarded-For                          | key
            203.0.113.7     | -                                        | ip:203.0.113.7
            203.0.113.7     | 198.51.100.9                             | ip:203.0.113.7
            10.1.2.3        | -                                        | ip:10.1.2.3
            10.1.2.3        | 198.51.100.9                             | ip:198.51.100.9
            10.1.2.3        | 198.51.100.9, 10.0.0.5                   | ip:198.51.100.9
            10.1.2.3        | 6.6.6.6, 198.51.100.9, 10.0.0.5          | ip:198.51.100.9
            192.168.1.1     | 198.51.100.9                             | ip:198.51.100.9
            192.168.1.2     | 198.51.100.9                             | ip:192.168.1.2
            10.1.2.3        | 10.0.0.7, 10.0.0.5                       | ip:10.0.0.7
            10.1.2.3        | evil.example.com, 10.0.0.5               | ip:10.0.0.5
            10.1.2.3        | 198.51.100.9:51234                       | ip:198.51.100.9
            10.1.2.3        | [2001:db8::1]:443                        | ip:2001:db8:0:0:0:0:0:1
            fd00::1         | 2001:db8::7                              | ip:2001:db8:0:0:0:0:0:7
            2001:db8::2     | 198.51.100.9                             | ip:2001:db8:0:0:0:0:0:2
            """)
    void anonymousCallersAreKeyedByClientAddress(String peer, String forwardedFor, String key) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/graphql").remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }

        assertThat(resolver.resolve(MockServerWebExchange.from(request)).block()).isEqualTo(key);
    }

    @Test
    void severalForwardedForHeadersAreOneListOfHops() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/graphql").remoteAddress(new InetSocketAddress("10.1.2.3", 1))
                .header("X-Forwarded-For", "6.6.6.6", "198.51.100.9").build();

        assertThat(resolver.resolve(MockServerWebExchange.from(request)).block()).isEqualTo("ip:198.51.100.9");
    }

    @Test
    void anAuthenticatedCallerIsKeyedByTokenSubjectWhateverTheAddress() {
        Jwt token = Jwt.withTokenValue("token").header("alg", "HS256").subject("alice")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        Principal alice = new CallerAuthenticationConverter("roles").convert(token);

        assertThat(resolve(alice)).isEqualTo("user:alice");
    }

    @Test
    void anAnonymousAuthenticationIsKeyedByAddress() {
        Principal anonymous = new AnonymousAuthenticationToken("key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

        assertThat(resolve(anonymous)).isEqualTo("ip:203.0.113.7");
    }

    @Test
    void aRequestWithoutPeerAddressHasOneSharedKey() {
        assertThat(resolver.resolve(MockServerWebExchange.from(MockServerHttpRequest.get("/graphql"))).block()).isEqualTo("ip:unknown");
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsRefused() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/8", "proxy.internal"))).hasMessageContaining("\"proxy.internal\" is not an IP address");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
    }

    private String resolve(Principal principal) {
        MockServerHttpRequest request = MockServerHttpRequest.get("/graphql").remoteAddress(new InetSocketAddress("203.0.113.7", 1))
                .header("X-Forwarded-For", "198.51.100.9").build();
        return resolver.resolve(MockServerWebExchange.builder(request).principal(principal).build()).block();
    }
}
