// Jest setupFiles of the unit tier: a unit spec may open no TCP connection at all (no broker,
// database, Redis, SMTP or HTTP service). Refusing the connect turns a test that leaks into the
// network into a failure that names the address, rather than a hang or a silent retry loop.
// Unix sockets and pipes (Jest's own worker channels) are left alone.
const net = require('node:net');

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // net.connect and http hand over their normalized [options, callback] array as the first argument.
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  const options = typeof first === 'object' && first !== null ? first : undefined;
  const path = options ? options.path : typeof first === 'string' && !/^\d+$/.test(first) ? first : undefined;
  if (path !== undefined && path !== null) return connect.apply(this, args);
  const port = options ? options.port : first;
  const host = options ? (options.host ?? 'localhost') : typeof second === 'string' ? second : 'localhost';
  const address = `${String(host)}:${String(port)}`;
  throw new Error(`The unit tier opens no network connections, but a test connected to ${address}. Name it *.integration.spec.ts.`);
};
