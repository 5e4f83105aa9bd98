# source: https://github.com/Blealtan/RWKV-LM-LoRA/issues/16
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch


def load_checkpoint(path, device):
    state = torch.load(path, map_location="cpu")
    if device == "cpu":
        # fp16 matmuls are not available on every CPU build: merge in fp32
        return {k: v.float() for k, v in state.items()}
    return {k: v.half().to(device) for k, v in state.items()}


def merge_lora(base, lora, alpha, r):
    scale = alpha / r
    merged = dict(base)
    for key, value in lora.items():
        if not (key.endswith(".lora_A") or key.endswith(".lora_B")):
            merged[key] = value
    for key in list(merged):
        prefix = key[: -len(".weight")]
        if key.endswith(".weight") and prefix + ".lora_A" in lora:
            lora_a = lora[prefix + ".lora_A"].to(merged[key].dtype)
            lora_b = lora[prefix + ".lora_B"].to(merged[key].dtype)
            merged[key] = merged[key] + lora_b @ lora_a * scale
    return merged


def main():
    parser = argparse.ArgumentParser(description="fold a LoRA adapter into an RWKV checkpoint")
    parser.add_argument("--base", default="RWKV-4-Novel-3B-v1-Chn-20230412-ctx4096.pth")
    parser.add_argument("--lora", default="lora_checkpoints/rwkv-0.pth")
    parser.add_argument("--out", default="rwkv-novel-merged.pth")
    parser.add_argument("--lora_r", type=int, default=8)
    parser.add_argument("--lora_alpha", type=float, default=32)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()

    base = load_checkpoint(args.base, args.device)
    lora = load_checkpoint(args.lora, args.device)
    merged = merge_lora(base, lora, args.lora_alpha, args.lora_r)
    n_folded = sum(1 for k in lora if k.endswith(".lora_A"))
    print(f"folded {n_folded} adapters on {args.device}")
    torch.save({k: v.half().cpu() for k, v in merged.items()}, args.out)


if __name__ == "__main__":
    main()
