"""The Kubernetes Indexed Job example (Scenarios/cluster/indexed-job.yaml) run as its pods
would run it, without a cluster: each part's container command in a shell with its
JOB_COMPLETION_INDEX (0 to completions - 1) and the Job's other settings, the image's
working folder mapped to a copy of the repository's scenario folders and the results
volume to a scratch folder; then the merge Job's command. The merged folder must equal an
unsharded run of the same workload byte for byte, and a part run without its index must
be refused.

    python3 scripts/check-indexed-job.py [VERDEEL]
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import Checks  # noqa: E402

check = Checks()
VERDEEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/verdeel"))
EXAMPLE = os.path.join(ROOT, "Scenarios/cluster/indexed-job.yaml")


def container(job):
    """The Job's one container: its shell command line, working folder and volume mounts."""
    spec = job["spec"]["template"]["spec"]
    (box,) = spec["containers"]
    check(box["command"] == ["sh", "-c"] and len(box["args"]) == 1, f"{job['metadata']['name']}: the container runs one sh -c line")
    return box["args"][0], box.get("workingDir"), {mount["mountPath"] for mount in box.get("volumeMounts", [])}


def mapped(line, folders):
    """The command line with the image's folders replaced by the scratch ones."""
    for inside, outside in sorted(folders.items(), key=lambda item: -len(item[0])):
        line = line.replace(inside, outside)
    return line


def same_tree(a, b):
    """Whether two folders hold the same files with the same bytes."""
    comparison = filecmp.dircmp(a, b)
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in comparison.common_dirs)


def main():
    with open(EXAMPLE, encoding="utf-8") as handle:
        jobs = {job["metadata"]["name"]: job for job in yaml.safe_load_all(handle)}
    parts_job = next(job for job in jobs.values() if job["spec"].get("completionMode") == "Indexed")
    merge_job = next(job for job in jobs.values() if job is not parts_job)
    completions = parts_job["spec"]["completions"]
    check(parts_job["spec"]["parallelism"] == completions, "every part runs at once")
    check(merge_job["spec"].get("suspend") is True, "the merge Job waits, suspended, until the parts are done")
    part_line, working, mounts = container(parts_job)
    merge_line, _, merge_mounts = container(merge_job)
    check(mounts == merge_mounts, "the parts and the merge mount the same results volume")

    scratch = tempfile.mkdtemp()
    try:
        image = os.path.join(scratch, "image")
        for folder in ("Benchmarks/workloads", "Scenarios"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(image, folder))
        folders = {working: image}
        for mount in mounts:
            folders[mount] = os.path.join(scratch, "volume" + mount.replace("/", "-"))
            os.makedirs(folders[mount])
        # The image's verdeel on the PATH.
        os.makedirs(os.path.join(scratch, "bin"))
        os.symlink(VERDEEL, os.path.join(scratch, "bin/verdeel"))
        environment = dict(os.environ, PATH=os.path.join(scratch, "bin") + os.pathsep + os.environ["PATH"])
        # Pods see none of the CI's Slurm variables.
        for name in [name for name in environment if name.startswith("SLURM_")]:
            del environment[name]
        pods = [subprocess.Popen(["sh", "-c", mapped(part_line, folders)], cwd=image, env=dict(environment, JOB_COMPLETION_INDEX=str(index)),
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for index in range(completions)]
        for index, pod in enumerate(pods):
            output, _ = pod.communicate(timeout=900)
            check(pod.returncode == 0, f"part {index} exited with {pod.returncode}: {output[-2000:]}")
        merge = subprocess.run(["sh", "-c", mapped(merge_line, folders)], cwd=scratch, env=environment, capture_output=True, text=True, timeout=900)
        check(merge.returncode == 0, f"the merge exited with {merge.returncode}: {merge.stdout[-2000:]} {merge.stderr[-2000:]}")

        # The same workload in one unsharded run: the part's command without --shard-count.
        workload = next(word for word in part_line.split() if word.endswith(".verdeel"))
        whole = os.path.join(scratch, "whole")
        subprocess.run([VERDEEL, "run", workload, "--output", whole], cwd=image, check=True, capture_output=True, timeout=900)
        merged = next(mapped(word, folders) for word in merge_line.split() if word.startswith(tuple(mounts)) and "*" not in word)
        check(os.path.isdir(merged) and same_tree(whole, merged), f"the merged folder {merged} equals the unsharded run byte for byte")

        # A pod started without its index (not an Indexed Job) is refused and writes nothing.
        stray = subprocess.run(["sh", "-c", mapped(part_line.replace("$JOB_COMPLETION_INDEX", "stray"), folders)], cwd=image, env=environment,
                               capture_output=True, text=True, timeout=120)
        check(stray.returncode != 0 and "JOB_COMPLETION_INDEX" in stray.stderr, f"a part without its index is refused: {stray.stderr[-500:]}")
        check(not any(name.endswith("part-stray") for _, dirs, _ in os.walk(scratch) for name in dirs), "the refused part wrote nothing")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    check.finish("indexed-job", f"kubernetes: the Indexed Job's {completions} part commands and its merge command, run as its pods would (no cluster), "
                 "merged byte for byte as the unsharded run ({count} checks)")


if __name__ == "__main__":
    main()
