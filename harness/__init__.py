"""What the tests and the benchmarks share: starting the whole bot on spare ports
(bot_process) and talking to it like many visitors at once over REST and socket.io (loadgen)."""
