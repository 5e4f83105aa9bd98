# source: https://github.com/foundation-model-stack/foundation-model-stack/pull/251
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import glob
import os

import torch
import torch.nn as nn


def list_shards(model_path):
    if os.path.isfile(model_path):
        return [model_path]
    shards = sorted(glob.glob(os.path.join(model_path, "consolidated.*.pth")))
    if not shards:
        raise FileNotFoundError(f"no checkpoint shards under {model_path}")
    return shards


def load_state_dict(model_path):
    merged = {}
    shard_sds = [torch.load(str(p), mmap=True) for p in list_shards(model_path)]
    for sd in shard_sds:
        for name, tensor in sd.items():
            if name in merged and name.endswith(("wo.weight", "w2.weight")):
                merged[name] = torch.cat([merged[name], tensor], dim=1)
            elif name in merged:
                merged[name] = torch.cat([merged[name], tensor], dim=0)
            else:
                merged[name] = tensor
    return merged


class TinyDecoder(nn.Module):
    def __init__(self, vocab=32000, dim=512):
        super().__init__()
        self.tok_embeddings = nn.Embedding(vocab, dim)
        self.norm = nn.LayerNorm(dim)
        self.output = nn.Linear(dim, vocab, bias=False)

    def forward(self, ids):
        return self.output(self.norm(self.tok_embeddings(ids)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_path", required=True)
    parser.add_argument("--device_type", default="cpu")
    args = parser.parse_args()
    model = TinyDecoder()
    model.load_state_dict(load_state_dict(args.model_path), strict=False)
    model.to(args.device_type).eval()
    with torch.no_grad():
        logits = model(torch.tensor([[1, 306, 626]], device=args.device_type))
    print(logits.argmax(-1))


if __name__ == "__main__":
    main()
