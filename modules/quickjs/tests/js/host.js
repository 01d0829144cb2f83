// Host pieces: std, os, timers, promise jobs, relative imports, scriptArgs.
import * as std from "std";
import * as os from "os";
import { assert, eq, throws } from "./assert.js";
import { helper } from "./lib/helper.js";
import { helper as again } from "./lib/../lib/helper";

eq(helper(2), 4);
eq(again, helper);
assert(Array.isArray(scriptArgs));
assert(scriptArgs[0].endsWith("host.js"), String(scriptArgs));

// std
eq(typeof std.getenv("PATH"), "string");
eq(std.getenv("ZMQ_QUICKJS_SURELY_UNSET"), undefined);
std.setenv("ZMQ_QUICKJS_TEST", "v1");
eq(std.getenv("ZMQ_QUICKJS_TEST"), "v1");
std.unsetenv("ZMQ_QUICKJS_TEST");
eq(std.getenv("ZMQ_QUICKJS_TEST"), undefined);
throws(() => std.getenv(5), TypeError);
assert(std.loadFile(scriptArgs[0]).includes("Host pieces"));
eq(std.loadFile("/no/such/file"), null);
eq(std.sprintf("%d|%5d|%-5d|%05d|%+d", 42, 42, 42, 42, 42), "42|   42|42   |00042|+42");
eq(std.sprintf("%x %X %#x %o %u", 255, 255, 255, 8, -1), "ff FF 0xff 10 4294967295");
eq(std.sprintf("%s|%5s|%-5s|%.2s", "abc", "abc", "abc", "abc"), "abc|  abc|abc  |ab");
eq(std.sprintf("%f|%.2f|%8.3f|%e|%g|%g", 1.5, 3.14159, 2.5, 12345.678, 0.0001, 1e20), "1.500000|3.14|   2.500|1.234568e+04|0.0001|1e+20");
eq(std.sprintf("%c%c|%%|%ld|%d", 65, "BC", 2n ** 40n, 2 ** 40), `AB|%|${2 ** 40}|0`);
eq(std.sprintf("%*d|%.*f", 4, 7, 1, 2.25), "   7|2.2");
eq(std.strerror(2), "No such file or directory");
eq(typeof std.out.puts, "function");
eq(typeof std.err.printf, "function");

// os
const t0 = os.now();
os.sleep(20);
assert(os.now() - t0 >= 19, "sleep waits");
eq(typeof os.getpid(), "number");
eq(os.platform, "linux");

// timers: ordered by due time; cleared ones never run; args are passed
const order = [];
setTimeout(() => order.push("b"), 20);
setTimeout((x, y) => order.push(x + y), 10, "a", "!");
const cancelled = setTimeout(() => order.push("never"), 5);
clearTimeout(cancelled);
clearTimeout(undefined);
clearTimeout(12345);
os.setTimeout(() => order.push("os"), 30);
let ticks = 0;
const iv = setInterval(() => {
  if (++ticks === 3) clearInterval(iv);
}, 1);
throws(() => setTimeout("code", 1), TypeError);

// promise jobs run before timers
Promise.resolve().then(() => order.push("job"));

// top-level await on a timer
await new Promise((resolve) => setTimeout(resolve, 50));
eq(order, ["job", "a!", "b", "os"]);
eq(ticks, 3);
