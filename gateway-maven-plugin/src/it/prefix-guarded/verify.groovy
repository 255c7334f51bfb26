def dir = new File(basedir, 'src/main/java/org/demo/live/orders')
assert new File(dir, 'OrdersGateway.java').text.contains('@WebSocketGateway("/api/orders")')
assert new File(dir, 'OrdersGateway.java').text.contains('@UseGuards(OrdersGuard.class)')
assert new File(dir, 'OrdersGuard.java').text.contains('implements CanActivate')
def report = new File(basedir, 'target/surefire-reports/org.demo.live.orders.OrdersGatewayTest.txt')
assert report.isFile() : 'the generated test ran'
assert report.text.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'welcome, answer, refusal without a token'
return true
