import * as zmq from "zmq";
function main()
{
  const ctx = new zmq.Context();
  const producer_socket = ctx.socket(zmq.PULL);
  producer_socket.bind("tcp://*:5555");
  const subscriber_socket = ctx.socket(zmq.PUB);
  subscriber_socket.bind("tcp://*:5556");
  const poller = new zmq.Poller();
  poller.add(producer_socket, zmq.POLLIN);
  while ( 42 )
  {
    const event = poller.wait(-1); // infinite wait
    if ( !event )
      continue;
    const socket = event.socket; // should be producer_socket
    const data = socket.recv_str();
    subscriber_socket.send(data);
    console.log(`Forwarded "${data}"`);
  }
  subscriber_socket.close();
  producer_socket.close();
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
