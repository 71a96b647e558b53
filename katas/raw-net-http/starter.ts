import net from 'node:net';

const port = Number(process.env.PORT) || 3000;

const server = net.createServer((socket) => {
  socket.on('data', () => {
    // TODO: buffer the bytes until "\r\n\r\n", parse the request line and the headers,
    //       read Content-Length bytes of body, and answer with the JSON echo.
    // TODO: keep the connection open for the next request unless the client asked to close
    //       (or spoke HTTP/1.0); answer 400 and close on a malformed request line.
    const body = JSON.stringify({ error: 'not implemented yet' });
    socket.end(`HTTP/1.1 501 Not Implemented\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  socket.on('error', () => socket.destroy());
});

server.listen(port, () => {
  console.log(`listening on port ${port}`);
});
