# source: https://github.com/huggingface/transformers/issues/9243
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [2], output_device 2, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler


class PackedCLMDataset(Dataset):
    """Concatenates tokenized documents and cuts them into fixed blocks, like run_clm's group_texts."""

    def __init__(self, tokenizer, texts, block_size=512):
        ids = []
        for text in texts:
            ids.extend(tokenizer(text)["input_ids"] + [tokenizer.eos_token_id])
        n_blocks = len(ids) // block_size
        self.blocks = torch.tensor(ids[: n_blocks * block_size]).view(n_blocks, block_size)

    def __len__(self):
        return self.blocks.size(0)

    def __getitem__(self, i):
        block = self.blocks[i]
        return {"input_ids": block, "labels": block.clone()}


def build_loader(dataset, batch_size, rank, world_size):
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, drop_last=True), sampler
