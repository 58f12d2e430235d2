package io.trays3.operation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import io.trays3.model.MimeTypes;
import io.trays3.model.ObjectContent;
import io.trays3.model.Progress;
import io.trays3.model.ProgressMeter;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.WrappedFile;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@code putObjectFile}: uploads a file, a file-component message, a stream or bytes. Small bodies go in one PutObject;
 * large files and streams of unknown size go multipart, a few 8 MiB parts on the wire at once, and a failed multipart
 * upload is aborted so no half object or orphaned upload remains.
 */
final class PutObjectFileProducer extends OperationProducer {

    PutObjectFileProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.putObjectFile);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String acl = inputs.acl();
        Object body = inputs.exchange().getMessage().getBody();
        Map<String, String> metadata = inputs.metadata();
        // a getObject body uploaded as it is is a copy: its own content type and metadata, unless the put names others
        ObjectContent read = body instanceof ObjectContent content ? content : null;
        if (metadata.isEmpty() && read != null) {
            metadata = read.getMetadata();
        }
        Path file = fileOf(inputs, body);
        String given = inputs.contentType();
        String contentType = given != null ? given
                : read != null && read.getContentType() != null ? read.getContentType() : contentTypeFor(key, file);
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key).acl(acl).metadata(metadata)
                .contentType(contentType).build();
        long total = file != null ? file.toFile().length() : body instanceof byte[] bytes ? bytes.length : -1;
        ProgressMeter progress = Meters.meter(getEndpoint(), inputs, Progress.Unit.BYTES, total, bucket, key);
        MultipartUploader uploader = new MultipartUploader(s3(), transfers(), getEndpoint().getComponent().getPartUploads())
                .progress(progress);

        PutObjectResponse response;
        if (file != null) {
            response = uploader.uploadFile(request, file);
        } else if (body instanceof byte[] bytes) {
            response = transfers().putObject(request, MultipartUploader.ofBytes(bytes, contentType));
            progress.advance(bytes.length);
            progress.finish();
        } else {
            try (InputStream stream = streamOf(inputs, body)) {
                response = uploader.uploadStream(request, stream);
            } catch (IOException e) {
                // what happened only: the producer's message names the operation and the place
                throw new UncheckedIOException("could not read the body: " + MultipartUploader.reason(e), e);
            }
        }
        reply(inputs, JsonShapes.putResult(bucket, key, response.eTag(), response.versionId()));
    }

    /** The file behind a File, Path or file-component body, checked to be a readable regular file; else null. */
    private static Path fileOf(OperationInputs inputs, Object body) {
        Object candidate = body instanceof WrappedFile<?> wrapped ? wrapped.getFile() : body;
        Path path = candidate instanceof File f ? f.toPath() : candidate instanceof Path p ? p : null;
        if (path != null && !(Files.isRegularFile(path) && Files.isReadable(path))) {
            throw inputs.invalid("the message body (file " + path + ")", null,
                                 "is not a readable regular file; allowed: an existing file");
        }
        return path;
    }

    private static InputStream streamOf(OperationInputs inputs, Object body) {
        if (body instanceof InputStream stream) {
            return stream;
        }
        if (body instanceof ObjectContent content) {
            try {
                return content.openStream();
            } catch (IllegalStateException e) {
                // read already, or its exchange is over: say so as bad input, like any other body that cannot be sent
                throw inputs.invalid("the message body (" + content + ")", null, "cannot be uploaded: " + e.getMessage());
            }
        }
        if (body instanceof WrappedFile<?>) {
            // a remote file (ftp, sftp, ...): let its component's converters stream it
            try {
                return inputs.exchange().getContext().getTypeConverter()
                        .mandatoryConvertTo(InputStream.class, inputs.exchange(), body);
            } catch (NoTypeConversionAvailableException e) {
                // falls through to the error below
            }
        }
        throw inputs.invalid("the message body (" + (body == null ? "null" : body.getClass().getName()) + ")", null,
                             "cannot be uploaded; allowed: java.io.File, java.nio.file.Path, a file-component message,"
                             + " InputStream, byte[] or a getObject result (for text use putObjectText)");
    }

    private static String contentTypeFor(String key, Path file) {
        String fromKey = MimeTypes.forName(key);
        if (MimeTypes.OCTET_STREAM.equals(fromKey) && file != null) {
            return MimeTypes.forName(file.getFileName().toString());
        }
        return fromKey;
    }
}
