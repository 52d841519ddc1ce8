#!/usr/bin/env python3
"""Writes every `run:` step of the GitHub workflows as a bash script, for shellcheck.

Usage: workflow_scripts.py OUT_DIR WORKFLOW.yml...

GitHub runs each step with `bash -e {0}` unless the step, job or workflow sets another shell;
each script gets that shebang so shellcheck checks it as bash. A `${{ ... }}` expression is
replaced by a shell variable, as GitHub's advice is to pass expressions through `env:`: left
in place it would be a syntax error for shellcheck, not a finding. Prints one line per script
(`OUT_DIR/NAME: workflow job step`), and exits 1 if a workflow has no run step at all (the
extraction is then broken, and shellcheck would pass on nothing).
"""

import re
import sys
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def shell_of(*levels):
    for level in levels:
        shell = (level.get("defaults") or {}).get("run", {}).get("shell") if level else None
        if shell:
            return shell
    return "bash"


def main(out, workflows):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for workflow in workflows:
        doc = yaml.safe_load(Path(workflow).read_text(encoding="utf-8"))
        found = 0
        for job_name, job in (doc.get("jobs") or {}).items():
            for index, step in enumerate(job.get("steps") or []):
                if "run" not in step:
                    continue
                shell = step.get("shell") or shell_of(job, doc)
                if shell.split()[0] not in ("bash", "sh"):
                    continue
                found += 1
                body = EXPRESSION.sub("${GITHUB_EXPRESSION}", step["run"])
                name = f"{Path(workflow).stem}-{job_name}-{index}.sh"
                (out / name).write_text(
                    f"#!/usr/bin/env {shell.split()[0]}\n"
                    f"# {workflow}: job {job_name}, step {step.get('name', index)}\n"
                    f"set -e\n{body}",
                    encoding="utf-8",
                )
                print(f"{out / name}: {workflow} {job_name} {step.get('name', index)}")
        if found == 0:
            print(f"error: {workflow} has no run step", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
