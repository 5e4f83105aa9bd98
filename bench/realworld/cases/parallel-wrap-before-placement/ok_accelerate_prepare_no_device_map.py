# source: https://github.com/huggingface/accelerate/issues/1802
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cuda', index=0), device(type='cuda', index=1)}.
# shape: helper, batch-dict, loader-loop
# looks-like: parallel-wrap-before-placement
# cpu: no needs a download
# needs: torch, transformers, accelerate
import torch
from accelerate import Accelerator
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, LlamaForCausalLM

MODEL_PATH = "meta-llama/Llama-2-7b-hf"


def load(accelerator):
    tokenizer = AutoTokenizer.from_pretrained(MODEL_PATH)
    tokenizer.pad_token = tokenizer.eos_token
    # no device_map: each process holds a full replica and accelerate places it
    model = LlamaForCausalLM.from_pretrained(MODEL_PATH, torch_dtype=torch.bfloat16)
    return model, tokenizer


def main():
    accelerator = Accelerator()
    model, tokenizer = load(accelerator)
    texts = ["The capital of France is Paris."] * 16
    loader = DataLoader(texts, batch_size=2,
                        collate_fn=lambda b: tokenizer(b, return_tensors="pt", padding=True))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)
    model, optimizer, loader = accelerator.prepare(model, optimizer, loader)
    model.train()
    for batch in loader:
        out = model(**batch, labels=batch["input_ids"])
        accelerator.backward(out.loss)
        optimizer.step()
        optimizer.zero_grad()
    accelerator.print("loss", out.loss.item())


if __name__ == "__main__":
    main()  # accelerate launch --num_processes=2 train.py
