# source: https://github.com/SCIR-HI/Huatuo-Llama-Med-Chinese/issues/43
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Prompt template and response post-processing for the medical QA model."""

TEMPLATE = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Response:\n"
)


def build_prompt(instruction: str) -> str:
    return TEMPLATE.format(instruction=instruction.strip())


def extract_response(decoded: str) -> str:
    marker = "### Response:"
    if marker in decoded:
        decoded = decoded.split(marker, 1)[1]
    return decoded.strip()


def batch_instructions(path, size=4):
    with open(path, encoding="utf-8") as fh:
        lines = [ln.strip() for ln in fh if ln.strip()]
    for i in range(0, len(lines), size):
        yield lines[i:i + size]
