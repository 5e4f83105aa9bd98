# source: https://github.com/ZidongLiu/DeComFL/pull/25
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class, loader-loop
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


def use_device(args, num_clients):
    """Pick server/client devices; half precision is only kept on CUDA."""
    if torch.cuda.is_available():
        server_device = torch.device("cuda:0")
        client_devices = [torch.device(f"cuda:{i % torch.cuda.device_count()}") for i in range(num_clients)]
    else:
        print("----- Using cpu, forcing model_dtype = float32 -----")
        args.model_dtype = "float32"
        server_device = torch.device("cpu")
        client_devices = [torch.device("cpu") for _ in range(num_clients)]
    return server_device, client_devices


class ZOClient:
    def __init__(self, model: nn.Module, loader: DataLoader, device, dtype):
        self.model = model.to(device=device, dtype=dtype)
        self.loader = loader
        self.device, self.dtype = device, dtype

    @torch.no_grad()
    def local_grad_scalar(self, seed: int, mu: float = 1e-3) -> float:
        x, y = next(iter(self.loader))
        x, y = x.to(self.device, self.dtype), y.to(self.device)
        gen = torch.Generator(device="cpu").manual_seed(seed)
        params = list(self.model.parameters())
        perturb = [torch.randn(p.shape, generator=gen).to(p.device, p.dtype) for p in params]
        for p, z in zip(params, perturb):
            p.add_(z, alpha=mu)
        loss_plus = nn.functional.cross_entropy(self.model(x).float(), y)
        for p, z in zip(params, perturb):
            p.sub_(z, alpha=2 * mu)
        loss_minus = nn.functional.cross_entropy(self.model(x).float(), y)
        for p, z in zip(params, perturb):
            p.add_(z, alpha=mu)
        return ((loss_plus - loss_minus) / (2 * mu)).item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dtype", default="float16")
    parser.add_argument("--num_clients", type=int, default=4)
    args = parser.parse_args()
    server_device, client_devices = use_device(args, args.num_clients)
    dtype = DTYPES[args.model_dtype]
    data = TensorDataset(torch.randn(512, 784), torch.randint(0, 10, (512,)))
    clients = [
        ZOClient(nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)),
                 DataLoader(data, batch_size=32, shuffle=True), dev, dtype)
        for dev in client_devices
    ]
    print([c.local_grad_scalar(seed=r) for r, c in enumerate(clients)])
