# source: https://github.com/Vchitect/Latte/issues/61
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# bug-lines: 29, 33
# cpu: clean
# needs: torch
import torch

from config import load_config
from models import get_models


def p_sample_loop(model, z, num_steps):
    for i in reversed(range(num_steps)):
        t = torch.full((z.shape[0],), i, device=z.device)
        eps = model(z, t)
        z = z - eps / num_steps
    return z


def main(args):
    torch.manual_seed(args.seed)
    torch.set_grad_enabled(False)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = get_models(args).to(device)
    if args.use_fp16:
        print("WARNING: using half percision for inferencing!")
        model.to(dtype=torch.float16)
    model.eval()
    z = torch.randn(1, args.in_channels, args.num_frames, args.latent_size, args.latent_size, device=device)
    if args.use_fp16:
        z = z.to(dtype=torch.float16)
    samples = p_sample_loop(model, z, args.num_sampling_steps)
    print(samples.shape, samples.dtype)


if __name__ == "__main__":
    main(load_config())
