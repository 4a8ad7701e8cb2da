// Starts DynamoDB Local bound to the loopback interface only.
//
// DynamoDB Local's own entry point (ServerRunner) listens on every interface and has no host
// option. This launcher builds the server exactly as ServerRunner does (same command-line
// arguments: -port, -inMemory, -dbPath, -sharedDb, -disableTelemetry, ...), then sets the host of
// its Jetty connector before starting it.
//
// Run by tools/LocalAws, compiled once into .local/cache (or in source-file mode without javac):
//   java -Djava.library.path=<lib>/DynamoDBLocal_lib -cp "<lib>/DynamoDBLocal.jar:<lib>/DynamoDBLocal_lib/*" \
//        DynamoDbLoopback.java -port 0 -inMemory -sharedDb -disableTelemetry
//
// Prints "LOCALAWS_READY port=<port>" once the server accepts connections (-port 0 picks a free
// port; DynamoDB Local's own banner then says "Port: 8000", which is not the port it listens on).
// Exits when its standard input reaches end of file, so it cannot outlive the process that
// started it, even when that process is killed without a chance to clean up
// (-Dlocalaws.watchStdin=false turns that off for running it by hand).
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class DynamoDbLoopback {
    private DynamoDbLoopback() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("localaws.host", "127.0.0.1");
        boolean watchStdin = !"false".equals(System.getProperty("localaws.watchStdin", "true"));

        // DynamoDB Local rejects -port 0; accept it here and let Jetty pick a free port.
        String[] runnerArgs = args.clone();
        boolean anyPort = false;
        for (int i = 0; i + 1 < runnerArgs.length; i++) {
            if ("-port".equals(runnerArgs[i]) && "0".equals(runnerArgs[i + 1])) {
                runnerArgs[i + 1] = "8000";
                anyPort = true;
            }
        }

        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(runnerArgs);
        Field serverField = DynamoDBProxyServer.class.getDeclaredField("server");
        serverField.setAccessible(true);
        Server jetty = (Server) serverField.get(proxy);

        Connector[] connectors = jetty.getConnectors();
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local built a Jetty server without connectors");
        }
        for (Connector connector : connectors) {
            if (!(connector instanceof ServerConnector network)) {
                throw new IllegalStateException("Unexpected Jetty connector " + connector.getClass().getName());
            }
            network.setHost(host);
            if (anyPort) {
                network.setPort(0);
            }
        }

        // DynamoDBProxyServer.start() reports a bind failure on stderr and stops Jetty instead of
        // throwing, so check the outcome ourselves.
        proxy.start();
        if (!jetty.isStarted()) {
            System.err.println("DynamoDbLoopback: DynamoDB Local did not start");
            System.exit(2);
        }

        int port = ((NetworkConnector) connectors[0]).getLocalPort();
        System.out.println("LOCALAWS_READY port=" + port + " host=" + host);
        System.out.flush();

        if (watchStdin) {
            waitForEndOfInput(System.in);
            try {
                proxy.stop();
            } finally {
                System.exit(0);
            }
        } else {
            proxy.join();
        }
    }

    private static void waitForEndOfInput(InputStream input) {
        byte[] buffer = new byte[256];
        try {
            while (input.read(buffer) >= 0) {
                // Anything written to us is ignored; only end of file matters.
            }
        } catch (IOException ignored) {
            // A broken pipe means the parent is gone too.
        }
    }
}
