# source: https://github.com/facebookresearch/fairscale/issues/925 https://github.com/pytorch/pytorch/pull/92027
# error: RuntimeError: An FSDP-managed module unexpectedly has parameters on cpu. Make sure to move the module to cuda:0 before training.
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 27, 28
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import functools
import os

import torch
import torch.distributed as dist
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
from torch.distributed.fsdp import ShardingStrategy
from torch.distributed.fsdp.wrap import transformer_auto_wrap_policy
from torch.utils.data import DataLoader, DistributedSampler
from transformers import AutoTokenizer, DataCollatorForLanguageModeling, EsmForMaskedLM
from transformers.models.esm.modeling_esm import EsmLayer

CHECKPOINT = "facebook/esm2_t33_650M_UR50D"


def setup_model(local_rank):
    model = EsmForMaskedLM.from_pretrained(CHECKPOINT)
    model.gradient_checkpointing_enable()
    wrap_policy = functools.partial(transformer_auto_wrap_policy, transformer_layer_cls={EsmLayer})
    model = FSDP(model, auto_wrap_policy=wrap_policy, sharding_strategy=ShardingStrategy.FULL_SHARD)
    model = model.cuda(local_rank)
    return model


def build_loader(tokenizer, sequences, batch_size):
    encoded = [tokenizer(s, truncation=True, max_length=1024) for s in sequences]
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)
    sampler = DistributedSampler(encoded, shuffle=True)
    return DataLoader(encoded, batch_size=batch_size, sampler=sampler, collate_fn=collator)


def main():
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    with open(os.environ.get("FASTA_TXT", "enzymes.txt")) as f:
        sequences = [line.strip() for line in f if line.strip()]
    loader = build_loader(tokenizer, sequences, batch_size=4)

    model = setup_model(local_rank)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.01)
    model.train()
    for epoch in range(3):
        loader.sampler.set_epoch(epoch)
        for step, batch in enumerate(loader):
            batch = {k: v.cuda(local_rank) for k, v in batch.items()}
            loss = model(**batch).loss
            optimizer.zero_grad()
            loss.backward()
            model.clip_grad_norm_(1.0)
            optimizer.step()
            if step % 100 == 0 and dist.get_rank() == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
