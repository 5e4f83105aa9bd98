# source: https://github.com/huggingface/accelerate/issues/1368
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [1], output_device 1, and module parameters {device(type='cuda', index=0), device(type='cuda', index=1)}.
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 28, 57
# cpu: no needs torchrun with a NCCL process group, several GPUs and a model download
# needs: torch, transformers, accelerate
import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_PATH = "huggyllama/llama-7b"


def setup():
    dist.init_process_group(backend="nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    return local_rank


def load_model(path):
    model = AutoModelForCausalLM.from_pretrained(path, device_map="auto", torch_dtype=torch.bfloat16)
    model.gradient_checkpointing_enable()
    return model


class PromptDataset(Dataset):
    def __init__(self, tokenizer, texts, max_len=128):
        self.enc = tokenizer(texts, truncation=True, max_length=max_len,
                             padding="max_length", return_tensors="pt")

    def __len__(self):
        return self.enc["input_ids"].size(0)

    def __getitem__(self, i):
        ids = self.enc["input_ids"][i]
        return {"input_ids": ids, "attention_mask": self.enc["attention_mask"][i], "labels": ids.clone()}


def main():
    local_rank = setup()
    tokenizer = AutoTokenizer.from_pretrained(MODEL_PATH)
    tokenizer.pad_token = tokenizer.eos_token
    texts = ["The quick brown fox jumps over the lazy dog."] * 64
    dataset = PromptDataset(tokenizer, texts)
    loader = DataLoader(dataset, batch_size=4, sampler=DistributedSampler(dataset))

    model = load_model(MODEL_PATH)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)
    device = torch.device("cuda", local_rank)
    model = DDP(model, device_ids=[local_rank], output_device=local_rank)
    model.train()
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if local_rank == 0 and step % 5 == 0:
            print(step, loss.item())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
