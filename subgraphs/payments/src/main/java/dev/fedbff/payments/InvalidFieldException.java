package dev.fedbff.payments;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class InvalidFieldException extends ErrorResponseException {

    InvalidFieldException(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
        getBody().setProperty("field", field);
    }
}
