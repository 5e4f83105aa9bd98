# source: https://github.com/huggingface/transformers/issues/9243
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [2], output_device 2, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 33, 34
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.distributed as dist
from transformers import AutoTokenizer

from data import PackedCLMDataset, build_loader
from modeling_setup import load_causal_lm, param_groups, wrap_for_training

MODEL = os.environ.get("MODEL_NAME", "gpt2")
GRAD_ACCUM = 4


def main():
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    texts = [line for line in open("train.txt", encoding="utf-8") if line.strip()]
    dataset = PackedCLMDataset(tokenizer, texts, block_size=256)
    loader, sampler = build_loader(dataset, 4, dist.get_rank(), dist.get_world_size())

    model = load_causal_lm(MODEL, gradient_checkpointing=True)
    model = wrap_for_training(model, local_rank)
    model.to(device)
    optimizer = torch.optim.AdamW(param_groups(model.module), lr=5e-5)

    for epoch in range(3):
        sampler.set_epoch(epoch)
        model.train()
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss / GRAD_ACCUM
            loss.backward()
            if (step + 1) % GRAD_ACCUM == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
        if dist.get_rank() == 0:
            print(f"epoch {epoch} last loss {loss.item() * GRAD_ACCUM:.3f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
