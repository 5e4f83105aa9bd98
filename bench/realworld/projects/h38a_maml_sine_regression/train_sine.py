# source: https://github.com/deepchem/deepchem/pull/4738
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from maml import build


def main(steps=2000, log_every=200):
    maml = build(seed=123)
    history = []
    for step in range(1, steps + 1):
        meta_loss = maml.meta_step(meta_batch_size=4)
        if step % log_every == 0:
            value = meta_loss.detach().cpu().item()
            history.append(value)
            print(f"step {step:5d}  meta-loss {value:.4f}")
    torch.save([v.detach().cpu() for v in maml.variables], "sine_maml_init.pt")
    return history


if __name__ == "__main__":
    main()
