assert new File(basedir, 'src/main/java/com/acme/chat/ChatGateway.java').text.contains('@WebSocketGateway("/chat")')
assert new File(basedir, 'target/surefire-reports/com.acme.chat.ChatGatewayTest.txt').text.contains('Failures: 0, Errors: 0')
return true
