# source: https://github.com/ogkalu2/Merge-Stable-Diffusion-models-without-distortion/issues/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, helper, batch-dict
# needs: torch, scipy
# cpu: no written where torch was not installed; not run

import argparse

import torch

from weight_matching import apply_permutation, mlp_permutation_spec, weight_matching


def load_params(path, device, fp16):
    state = torch.load(path, map_location="cpu")
    state = state.get("state_dict", state)
    dtype = torch.float16 if fp16 else torch.float32
    return {k: v.to(device=device, dtype=dtype) for k, v in state.items() if k.startswith("layer")}


def interpolate(params_a, params_b, alpha):
    return {k: (1 - alpha) * params_a[k] + alpha * params_b[k] for k in params_a}


def main():
    parser = argparse.ArgumentParser(description="Git re-basin merge of two checkpoints")
    parser.add_argument("--model_a", required=True)
    parser.add_argument("--model_b", required=True)
    parser.add_argument("--output", default="merged.ckpt")
    parser.add_argument("--alpha", type=float, default=0.5)
    parser.add_argument("--num_hidden", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--usefp16", action="store_true")
    args = parser.parse_args()

    device = torch.device(args.device)
    theta_a = load_params(args.model_a, device, args.usefp16)
    theta_b = load_params(args.model_b, device, args.usefp16)

    spec = mlp_permutation_spec(args.num_hidden)
    perm = weight_matching(spec, theta_a, theta_b)
    theta_b_aligned = apply_permutation(spec, perm, theta_b)
    merged = interpolate(theta_a, theta_b_aligned, args.alpha)

    torch.save({"state_dict": {k: v.cpu() for k, v in merged.items()}}, args.output)
    print("saved", args.output)


if __name__ == "__main__":
    main()
