package io.trays3;

import java.util.Map;

import io.trays3.operation.Trays3Operation;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The trays3 component: S3 operations as {@code trays3:<operation>?options} endpoints. */
@Component("trays3")
public class Trays3Component extends DefaultComponent {

    @Metadata(description = "Defaults for every trays3 endpoint; URI options override them.")
    private Trays3Configuration configuration = new Trays3Configuration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Trays3Operation operation = Trays3Operation.fromUri(remaining);
        Trays3Endpoint endpoint = new Trays3Endpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public Trays3Configuration getConfiguration() {
        return configuration;
    }

    /** The defaults every endpoint starts from. */
    public void setConfiguration(Trays3Configuration configuration) {
        this.configuration = configuration;
    }
}
