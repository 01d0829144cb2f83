import * as zmq from "zmq";
function main()
{
  const ctx = new zmq.Context();
  const socket = ctx.socket(zmq.SUB);
  socket.connect("tcp://localhost:5556");
  socket.setsockopt(zmq.SUBSCRIBE, "");
  while ( true )
  {
    const data = socket.recv_str();
    console.log(`Received "${data}"`);
  }
  socket.close();
  ctx.term();
}
try {
  main();
} catch (e) {
  console.log("Uncaught exception!");
  console.log(e);
  if ( e.stack )
    console.log(e.stack);
}
