package dev.fedbff.gateway.edge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseFormatTest {

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            none                                                          | application/json                  | 400 | 413 | 403
            */*                                                           | application/json                  | 400 | 413 | 403
            application/graphql-response+json                             | application/graphql-response+json | 400 | 413 | 403
            application/graphql-response+json, application/json;q=0.9     | application/graphql-response+json | 400 | 413 | 403
            application/json                                              | application/json                  | 200 | 413 | 403
            application/json; charset=utf-8                               | application/json                  | 200 | 413 | 403
            application/json, application/graphql-response+json;q=0       | application/json                  | 200 | 413 | 403
            text/html, application/*                                      | application/json                  | 400 | 413 | 403
            ;;;                                                           | application/json                  | 400 | 413 | 403
            """)
    void theContentTypeAndTheStatusOfRequestErrorsFollowTheAcceptHeader(String accept, String contentType, int badRequest,
                                                                          int tooLarge, int forbidden) {
        ResponseFormat format = ResponseFormat.forAccept(accept);

        assertThat(format.contentType()).hasToString(contentType);
        assertThat(format.status(400)).as("a request error").isEqualTo(badRequest);
        assertThat(format.status(413)).isEqualTo(tooLarge);
        assertThat(format.status(403)).isEqualTo(forbidden);
        assertThat(format.status(200)).isEqualTo(200);
    }
}
