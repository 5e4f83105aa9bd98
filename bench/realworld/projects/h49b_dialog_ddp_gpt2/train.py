# source: https://github.com/EleutherAI/oslo/issues/49
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 28, 29
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""torchrun --nproc_per_node=4 train.py --train persona_train.jsonl"""
import argparse
import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP

from data import PersonaDialogDataset, make_loader
from model import build_dialog_model, build_tokenizer, count_trainable


def main(args):
    dist.init_process_group(backend="nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    tokenizer = build_tokenizer(args.model_name)
    model = build_dialog_model(args.model_name, tokenizer)
    model = DDP(model, device_ids=[local_rank], output_device=local_rank)
    model.to(device)
    if local_rank == 0:
        print(f"trainable params: {count_trainable(model):,}")

    dataset = PersonaDialogDataset(args.train, tokenizer)
    loader = make_loader(dataset, args.batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)

    for epoch in range(args.epochs):
        loader.sampler.set_epoch(epoch)
        model.train()
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if local_rank == 0 and step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
        if local_rank == 0:
            model.module.save_pretrained(os.path.join(args.out_dir, f"epoch{epoch}"))
    dist.destroy_process_group()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name", default="gpt2")
    parser.add_argument("--train", required=True)
    parser.add_argument("--out_dir", default="ckpt")
    parser.add_argument("--batch_size", type=int, default=8)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--epochs", type=int, default=3)
    main(parser.parse_args())
