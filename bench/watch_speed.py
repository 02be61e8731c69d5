#!/usr/bin/env python3
"""Save-to-verdict-on-screen in watch mode, and the watcher's idle CPU.

    bench/watch_speed.py [RUNS] [EXERCISE]

Runs `asynclings` (watch mode) in a pseudo-terminal on a temporary copy of
the course whose current exercise holds its solution. Each run appends a
comment to the file (a save) and times until the screen shows the pass
again. Then it leaves the watcher idle for 5 s and reads its CPU time.
"""
import json, os, pty, select, shutil, statistics, subprocess, sys, tempfile, time

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
exercise = sys.argv[2] if len(sys.argv) > 2 else "p1_join"
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target = os.environ.get("CARGO_TARGET_DIR", os.path.join(repo, "target"))
subprocess.run(["cargo", "build", "--quiet", "--manifest-path", os.path.join(repo, "Cargo.toml")], check=True)
runner = os.path.join(target, "debug", "asynclings")

course = tempfile.mkdtemp(prefix="asynclings-bench-")
try:
    for entry in ["Cargo.toml", "Cargo.lock", ".gitignore", "build.rs", "info.toml", "src", "diagnosis", "exercises", "solutions", "support"]:
        src = os.path.join(repo, entry)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(course, entry))
    # A version of its own, so this copy never shares fingerprints with the
    # course in the repository (see tests/common/mod.rs).
    for package in ["exercises", "solutions", "support"]:
        path = os.path.join(course, package, "Cargo.toml")
        text = open(path).read().replace('\nversion = "0.1.0"\n', '\nversion = "0.1.0-bench"\n', 1)
        open(path, "w").write(text)
    env = dict(os.environ, CARGO_TARGET_DIR=target, TERM="xterm-256color")
    listing = json.loads(subprocess.run([runner, "list", "--json"], cwd=course, env=env, capture_output=True, check=True).stdout)
    path = next(e["path"] for e in listing["exercises"] if e["name"] == exercise)
    shutil.copy(os.path.join(course, path.replace("exercises/", "solutions/", 1)), os.path.join(course, path))
    with open(os.path.join(course, ".asynclings-progress.toml"), "w") as f:
        f.write(f'format_version = 1\ncurrent = "{exercise}"\n')

    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(course)
        os.execve(runner, [runner], env)
    output = bytearray()

    def wait_for(predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.005)
            if ready:
                output.extend(os.read(fd, 65536))
                if predicate(output):
                    return time.monotonic()
        raise SystemExit("timed out; screen:\n" + output[-2000:].decode(errors="replace"))

    def last_screen(buf):
        return buf.rsplit(b"\x1b[2J", 1)[-1]

    wait_for(lambda b: "✓ passed".encode() in last_screen(b), 300)
    times = []
    for i in range(runs):
        time.sleep(0.3)
        mark = len(output)
        start = time.monotonic()
        with open(os.path.join(course, path), "a") as f:
            f.write(f"// save {i}\n")
        # A new screen after the save that shows the pass again.
        end = wait_for(lambda b: b"Checking" in b[mark:] and "✓ passed".encode() in last_screen(b[mark:]), 60)
        times.append(end - start)
        print(f"run {i + 1:2}: {times[-1]:.3f} s")
    print(f"save-to-verdict-on-screen ({runs} runs): min {min(times):.3f} s, "
          f"median {statistics.median(times):.3f} s, max {max(times):.3f} s")

    def cpu_seconds():
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    before = cpu_seconds()
    time.sleep(5)
    print(f"idle for 5 s: the watcher used {cpu_seconds() - before:.2f} s of CPU")
    os.write(fd, b"q")
    os.waitpid(pid, 0)
finally:
    shutil.rmtree(course, ignore_errors=True)
