# source: https://github.com/ShannonAI/mrc-for-flat-nested-ner/issues/128
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 39, 41
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from transformers import BertTokenizerFast

from data import MRCNERDataset
from model import BertQueryNER


def setup():
    dist.init_process_group(backend="nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    return local_rank


def main(args):
    local_rank = setup()
    device = torch.device("cuda", local_rank)
    tokenizer = BertTokenizerFast.from_pretrained(args.bert_path)
    dataset = MRCNERDataset(args.train_file, tokenizer, max_length=args.max_length)
    sampler = DistributedSampler(dataset)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler, num_workers=2)

    model = BertQueryNER(args.bert_path)
    model = DDP(model, device_ids=[local_rank], output_device=local_rank,
                find_unused_parameters=True)
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for batch in loader:
            batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
            start_logits, end_logits, _ = model(batch["input_ids"], batch["token_type_ids"],
                                                batch["attention_mask"])
            mask = batch["attention_mask"].float()
            start_loss = F.binary_cross_entropy_with_logits(start_logits, batch["start_labels"].float(),
                                                            weight=mask)
            end_loss = F.binary_cross_entropy_with_logits(end_logits, batch["end_labels"].float(),
                                                          weight=mask)
            loss = (start_loss + end_loss) / 2
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if local_rank == 0:
            print(f"epoch {epoch}: loss {loss.item():.4f}")
            torch.save(model.module.state_dict(), os.path.join(args.output_dir, f"epoch{epoch}.pt"))
    dist.destroy_process_group()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bert_path", default="bert-base-chinese")
    parser.add_argument("--train_file", default="data/zh_msra/mrc-ner.train")
    parser.add_argument("--output_dir", default="outputs")
    parser.add_argument("--max_length", type=int, default=128)
    parser.add_argument("--batch_size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--epochs", type=int, default=5)
    main(parser.parse_args())
