def log = new File(basedir, 'build.log').text
assert log.contains("The name 'chat-room' is not a Java identifier")
assert log.contains('-Dname=chatRoom')
assert !new File(basedir, 'src').exists() : 'nothing is written'
return true
