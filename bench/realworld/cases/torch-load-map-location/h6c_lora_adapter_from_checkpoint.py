# source: https://github.com/vllm-project/vllm/pull/7129
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 49, 63
# needs: torch, safetensors
# cpu: no written where torch was not installed; not run
import json
import os
from typing import Dict, Optional, Set

import torch
from safetensors.torch import load_file


class LoRALayerWeights:
    def __init__(self, name, lora_a, lora_b, scaling):
        self.name, self.lora_a, self.lora_b, self.scaling = name, lora_a, lora_b, scaling


class LoRAModel:
    """Adapter weights for one request-level LoRA, staged on the serving device."""

    def __init__(self, lora_id: int, rank: int, loras: Dict[str, LoRALayerWeights]):
        self.id, self.rank, self.loras = lora_id, rank, loras

    @classmethod
    def from_lora_tensors(cls, lora_id, rank, alpha, tensors, device, dtype, embeddings=None):
        pairs: Dict[str, dict] = {}
        for key, tensor in tensors.items():
            module, _, kind = key.rpartition(".lora_")
            pairs.setdefault(module, {})[kind.split(".")[0]] = tensor.to(device=device, dtype=dtype)
        loras = {m: LoRALayerWeights(m, w["A"], w["B"], alpha / rank) for m, w in pairs.items()}
        if embeddings:
            loras["embed_tokens"] = LoRALayerWeights(
                "embed_tokens", embeddings["input_embeddings"].to(device, dtype), None, 1.0)
        return cls(lora_id, rank, loras)

    @classmethod
    def from_local_checkpoint(cls, lora_dir: str, expected_modules: Set[str], lora_id: int,
                              device: str = "cuda", dtype: Optional[torch.dtype] = None):
        with open(os.path.join(lora_dir, "adapter_config.json")) as f:
            config = json.load(f)
        st_path = os.path.join(lora_dir, "adapter_model.safetensors")
        bin_path = os.path.join(lora_dir, "adapter_model.bin")
        if os.path.isfile(st_path):
            tensors = load_file(st_path, device="cpu")
        elif os.path.isfile(bin_path):
            tensors = torch.load(bin_path)
        else:
            raise ValueError(f"{lora_dir} doesn't contain adapter weights")

        unexpected = {k.split(".lora_")[0].rsplit(".", 1)[-1] for k in tensors} - expected_modules
        if unexpected:
            raise ValueError(f"LoRA targets unsupported modules {sorted(unexpected)}")

        embeddings = None
        emb_st = os.path.join(lora_dir, "new_embeddings.safetensors")
        emb_bin = os.path.join(lora_dir, "new_embeddings.bin")
        if os.path.isfile(emb_st):
            embeddings = load_file(emb_st, device="cpu")
        elif os.path.isfile(emb_bin):
            embeddings = torch.load(emb_bin)

        return cls.from_lora_tensors(lora_id, config["r"], config["lora_alpha"], tensors,
                                     device, dtype or torch.float16, embeddings)


if __name__ == "__main__":
    adapter = LoRAModel.from_local_checkpoint(
        "adapters/sql-lora", {"q_proj", "k_proj", "v_proj", "o_proj"}, lora_id=1, device="cuda:0")
    print(f"loaded {len(adapter.loras)} LoRA layers, rank {adapter.rank}")
