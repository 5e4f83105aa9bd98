# source: https://github.com/Blealtan/RWKV-LM-LoRA/issues/16
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import types

import torch

from model_run import RWKV_RNN

args = types.SimpleNamespace()
args.RUN_DEVICE = "cpu"          # "cuda" on a GPU box
args.FLOAT_MODE = "fp32"         # fp16 only makes sense with cuda
args.MODEL_NAME = "RWKV-4-Novel-3B-v1-Chn-20230412-ctx4096"
args.MODEL_LORA = "lora_checkpoints/rwkv-0"
args.lora_r = 8
args.lora_alpha = 32
args.n_layer = 32

TOKENS = [510, 3158, 8516, 30013, 27287, 689, 253, 22658]


def sample_logits(logits, temperature=1.0, top_p=0.85):
    probs = torch.softmax(logits.float() / temperature, dim=-1)
    sorted_probs, order = torch.sort(probs, descending=True)
    cutoff = torch.cumsum(sorted_probs, dim=-1) > top_p
    sorted_probs[cutoff] = 0
    choice = torch.multinomial(sorted_probs / sorted_probs.sum(), 1)
    return int(order[choice])


if __name__ == "__main__":
    print(f"Loading {args.MODEL_NAME} with LoRA {args.MODEL_LORA} on {args.RUN_DEVICE}")
    model = RWKV_RNN(args)
    out = None
    for tok in TOKENS:
        out = model(tok)
    generated = []
    for _ in range(32):
        tok = sample_logits(out)
        generated.append(tok)
        out = model(tok)
    print(generated)
