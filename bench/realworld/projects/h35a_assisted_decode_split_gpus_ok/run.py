# source: https://github.com/huggingface/transformers/issues/35099
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, top-level
# looks-like: current-gpu-mismatch
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""python run.py "Alice and Bob" """
import sys
import time

from assisted import assisted_generate
from loaders import load_pair

CHECKPOINT = "EleutherAI/pythia-1.4b-deduped"
ASSISTANT_CHECKPOINT = "EleutherAI/pythia-160m-deduped"


def main(prompt):
    tokenizer, target, assistant = load_pair(CHECKPOINT, ASSISTANT_CHECKPOINT)
    inputs = tokenizer(prompt, return_tensors="pt")
    start = time.perf_counter()
    out = assisted_generate(target, assistant, inputs.input_ids, max_new_tokens=48, k=5,
                            eos_token_id=tokenizer.eos_token_id)
    elapsed = time.perf_counter() - start
    print(tokenizer.decode(out[0], skip_special_tokens=True))
    print(f"{out.shape[1] - inputs.input_ids.shape[1]} new tokens in {elapsed:.2f}s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Alice and Bob")
