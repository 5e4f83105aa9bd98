# source: https://github.com/Shiriluz/Word-As-Image/issues/13 https://github.com/arcee-ai/mergekit/issues/175
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# looks-like: half-on-cpu
# cpu: clean
# needs: torch, transformers
import torch
from transformers import AutoModelForCausalLM, LlamaConfig


def pick_device_and_dtype(prefer_gpu=True):
    if prefer_gpu and torch.cuda.is_available():
        return torch.device("cuda"), torch.float16
    # fp16 kernels are missing or slow on the CPU: stay in fp32 there
    return torch.device("cpu"), torch.float32


def load_for_inference(prefer_gpu=True):
    device, dtype = pick_device_and_dtype(prefer_gpu)
    config = LlamaConfig(vocab_size=128, hidden_size=32, intermediate_size=64,
                         num_hidden_layers=1, num_attention_heads=4)
    model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    return model.to(device).eval(), device


@torch.no_grad()
def greedy(model, device, ids, n=4):
    out = torch.tensor([ids], device=device)
    for _ in range(n):
        nxt = model(input_ids=out).logits[:, -1].argmax(-1, keepdim=True)
        out = torch.cat([out, nxt], dim=-1)
    return out.tolist()


if __name__ == "__main__":
    model, device = load_for_inference()
    print(greedy(model, device, [1, 2, 3]))
