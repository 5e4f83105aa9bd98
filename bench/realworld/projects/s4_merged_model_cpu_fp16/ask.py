# source: https://github.com/arcee-ai/mergekit/issues/175
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# bug-lines: 15, 20
# cpu: clean
# needs: torch, transformers
import torch

from loading import load_merged


def ask(model, prompt_ids, max_new_tokens=8):
    device = "cpu"  # notebook box without a GPU
    model = model.to(device)
    input_ids = torch.tensor([prompt_ids], device=device)
    out = input_ids
    with torch.no_grad():
        for _ in range(max_new_tokens):
            logits = model(input_ids=out).logits[:, -1, :]
            nxt = logits.float().argmax(-1, keepdim=True)
            out = torch.cat([out, nxt], dim=1)
    return out[0].tolist()


if __name__ == "__main__":
    merged = load_merged()
    print(ask(merged, [1, 5, 9, 42]))
