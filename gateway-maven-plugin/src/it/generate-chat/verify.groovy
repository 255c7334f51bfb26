def gateway = new File(basedir, 'src/main/java/com/acme/shop/chat/ChatGateway.java')
assert gateway.isFile() : 'the gateway goes in the base package of the existing code'
def text = gateway.text
assert text.contains('@WebSocketGateway("/chat")')
assert text.contains('@SubscribeMessage("send_message")') && text.contains('public ChatMessage sendMessage(')
assert text.contains('@SubscribeMessage("typing")') && text.contains('public ChatMessage typing(')
assert text.contains('implements OnGatewayConnection')
assert new File(basedir, 'src/main/java/com/acme/shop/chat/ChatMessage.java').isFile()
assert !new File(basedir, 'src/main/java/com/acme/shop/chat/ChatGuard.java').exists()
def report = new File(basedir, 'target/surefire-reports/com.acme.shop.chat.ChatGatewayTest.txt')
assert report.isFile() : 'the generated test ran'
assert report.text.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
return true
