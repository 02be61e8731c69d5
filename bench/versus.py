#!/usr/bin/env python3
"""Save-to-verdict with `asynclings run`, this version against another, and
both against the bare `rustc` call cargo makes for the same exercise, in
one run (machines differ by 2x: only ratios measured together compare).

    bench/versus.py OLD_REV [RUNS] [EXERCISE]   (EXERCISE: a "test" one)

Each version gets its own copy of the course (its own info.toml: an older
runner may not read a newer one) and its own target directory. The same
solution file is copied into both, so both compile the same program. Runs
are interleaved (old, new, rustc, old, new, ...) so that a busy moment of
the machine hurts all three alike. Each run appends a comment to the file
first, as a save does, so that cargo really rebuilds it.
"""
import os, shlex, shutil, statistics, subprocess, sys, tempfile, time

if len(sys.argv) < 2:
    sys.exit(__doc__)
old_rev = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
exercise = sys.argv[3] if len(sys.argv) > 3 else "p1_join"
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="asynclings-versus-")


def copy_of(rev, name):
    """A course at `rev` (None: the working tree), built, in work/name."""
    course = os.path.join(work, name)
    os.makedirs(course)
    if rev is None:
        for entry in ["Cargo.toml", "Cargo.lock", ".gitignore", "build.rs", "info.toml", "src", "diagnosis", "exercises", "solutions", "support"]:
            src = os.path.join(repo, entry)
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(course, entry))
    else:
        archive = subprocess.run(["git", "-C", repo, "archive", rev], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", course], input=archive, check=True)
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(course, "target"))
    subprocess.run(["cargo", "build", "--quiet", "--offline"], cwd=course, env=env, check=True)
    return course, env


def exercise_file(course):
    for root, _, files in os.walk(os.path.join(course, "exercises")):
        if exercise + ".rs" in files:
            return os.path.join(root, exercise + ".rs")
    sys.exit(f"no exercise {exercise}")


def timed(command, cwd, env):
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, done.returncode


try:
    print(f"building {old_rev} and the working tree (first time: tokio too)...", flush=True)
    versions = {"old": copy_of(old_rev, "old"), "new": copy_of(None, "new")}
    solution = exercise_file(versions["new"][0]).replace("/exercises/", "/solutions/", 1)
    for course, env in versions.values():
        shutil.copy(solution, exercise_file(course))
        runner = os.path.join(env["CARGO_TARGET_DIR"], "debug", "asynclings")
        if subprocess.run([runner, "run", exercise], cwd=course, env=env, capture_output=True).returncode != 0:
            sys.exit(f"the solution of {exercise} does not pass in {course}")

    # The rustc call cargo makes for the exercise: `cargo build -v` prints it.
    course, env = versions["new"]
    with open(exercise_file(course), "a") as f:
        f.write("// find the rustc call\n")
    verbose = subprocess.run(
        ["cargo", "test", "--no-run", "-v", "-p", "exercises", "--bin", exercise],
        cwd=course, env=env, capture_output=True, text=True, check=True,
    ).stderr
    rustc = next(line for line in verbose.splitlines() if "Running `" in line and f"--crate-name {exercise}" in line)
    rustc = rustc.split("Running `", 1)[1].rsplit("`", 1)[0]

    times = {"old": [], "new": [], "rustc": []}
    for i in range(runs):
        for name, (course, env) in versions.items():
            with open(exercise_file(course), "a") as f:
                f.write(f"// save {i}\n")
            runner = os.path.join(env["CARGO_TARGET_DIR"], "debug", "asynclings")
            secs, code = timed([runner, "run", exercise], course, env)
            assert code == 0, f"{name}: exit {code}"
            times[name].append(secs)
        course, env = versions["new"]
        with open(exercise_file(course), "a") as f:
            f.write(f"// rustc {i}\n")
        secs, code = timed(["sh", "-c", rustc], course, env)
        assert code == 0, f"rustc: exit {code}"
        times["rustc"].append(secs)
        print(f"run {i + 1:2}: " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in times.items()), flush=True)

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"\nsave-to-verdict, {exercise}, {runs} runs (median; min-max):")
    for k, v in times.items():
        print(f"  {k:5}  {med[k]:.3f} s  ({min(v):.3f}-{max(v):.3f})")
    print(f"new / old:   {med['new'] / med['old']:.2f}")
    print(f"new / rustc: {med['new'] / med['rustc']:.2f}   (old / rustc: {med['old'] / med['rustc']:.2f})")
finally:
    shutil.rmtree(work, ignore_errors=True)
