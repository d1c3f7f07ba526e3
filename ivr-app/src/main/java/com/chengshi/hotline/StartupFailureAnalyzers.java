package com.chengshi.hotline;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The start-up failures Spring Boot does not explain itself, as its failure report (a description and an action)
 * instead of a stack trace; registered in {@code META-INF/spring.factories}. Boot explains a bad property value and
 * the web server's port in use on its own.
 */
final class StartupFailureAnalyzers {

    private StartupFailureAnalyzers() {
    }

    /**
     * For the tools, which run outside Boot's report: the cause in one line when it is one of ours or a bad setting
     * ({@code --set name=value}), else empty.
     */
    static Optional<String> oneLine(Throwable failure) {
        Optional<String> ours = Stream.<FailureAnalyzer>of(new CannotStart(), new UnwritableFile())
                .map(analyzer -> analyzer.analyze(failure)).filter(Objects::nonNull).findFirst()
                .map(analysis -> analysis.getDescription() + ". " + analysis.getAction());
        return ours.or(() -> Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
                .filter(t -> t instanceof BindException bind && bind.getProperty() != null).findFirst()
                .map(t -> ((BindException) t).getProperty())
                .map(property -> "bad setting " + property.getName() + "=" + property.getValue() + ": "
                        + Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
                        .reduce((first, second) -> second).orElseThrow().getMessage()));
    }

    /** Our own: a port in use, a broken catalogue. */
    static final class CannotStart extends AbstractFailureAnalyzer<CannotStartException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, CannotStartException cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
        }
    }

    /** A file the app must write and cannot: a read-only data dir, most often, where H2 buries it under its own. */
    static final class UnwritableFile extends AbstractFailureAnalyzer<FileSystemException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, FileSystemException cause) {
            String why = cause instanceof AccessDeniedException ? "permission denied"
                    : cause instanceof NotDirectoryException ? "not a directory"
                    : cause.getReason() != null ? cause.getReason() : cause.getClass().getSimpleName();
            return new FailureAnalysis("Cannot write " + cause.getFile() + ": " + why,
                    "The call log and the prompt audio live under hotline.data-dir: let user "
                            + System.getProperty("user.name") + " write there, or start with --hotline.data-dir=DIR",
                    cause);
        }
    }
}
