package ${package};

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/**
 * Serves /echo. A client sends {"event":"echo","data":{"text":"hi"},"id":1} and gets
 * {"event":"echo","data":{"text":"hi"},"id":1} back.
 */
@WebSocketGateway("/echo")
public class EchoGateway implements OnGatewayConnection {

    @Override
    public void handleConnection(GatewayClient client) {
        client.emit("welcome", client.id()); // once per connection, before its first message
    }

    @SubscribeMessage("echo")
    public EchoMessage echo(@MessageBody EchoMessage message, @ConnectedSocket GatewayClient client) {
        return message; // the reply to the sender, with the frame's id
    }
}
