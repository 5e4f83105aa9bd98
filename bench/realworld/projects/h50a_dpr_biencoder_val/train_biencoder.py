# source: https://github.com/facebookresearch/DPR/issues/173
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, class, loader-loop
# bug-lines: 63
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoTokenizer

from biencoder import BiEncoderBatch, build_biencoder
from data import BiEncoderCollator, RetrieverJsonDataset


def move_to_device(sample, device):
    return {k: v.to(device) if torch.is_tensor(v) else v for k, v in sample.items()}


class BiEncoderTrainer:
    def __init__(self, args):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(args.encoder)
        self.biencoder = build_biencoder(args.encoder).to(self.device)
        self.optimizer = torch.optim.AdamW(self.biencoder.parameters(), lr=args.lr)
        collate = BiEncoderCollator(self.tokenizer, num_hard_negatives=1)
        self.train_loader = DataLoader(RetrieverJsonDataset(args.train_file),
                                       batch_size=args.batch_size, shuffle=True,
                                       collate_fn=collate)
        self.dev_loader = DataLoader(RetrieverJsonDataset(args.dev_file),
                                     batch_size=args.dev_batch_size, collate_fn=collate)

    def _attn(self, ids):
        return ids != self.tokenizer.pad_token_id

    def _encode(self, batch):
        return self.biencoder(batch.question_ids, batch.question_segments,
                              self._attn(batch.question_ids), batch.context_ids,
                              batch.ctx_segments, self._attn(batch.context_ids))

    def train_epoch(self):
        self.biencoder.train()
        for step, batch in enumerate(self.train_loader):
            batch = BiEncoderBatch(**move_to_device(batch._asdict(), self.device))
            q_vecs, ctx_vecs = self._encode(batch)
            scores = q_vecs @ ctx_vecs.T
            loss = F.cross_entropy(scores, batch.is_positive)
            loss.backward()
            self.optimizer.step()
            self.optimizer.zero_grad()
            if step % 100 == 0:
                print(f"step {step} nll {loss.item():.4f}")

    @torch.no_grad()
    def validate_average_rank(self):
        self.biencoder.eval()
        q_represent, ctx_represent, positive_idx = [], [], []
        offset = 0
        for batch in self.dev_loader:
            q_vecs, ctx_vecs = self._encode(batch)
            q_represent.append(q_vecs)
            ctx_represent.append(ctx_vecs)
            positive_idx.extend((batch.is_positive + offset).tolist())
            offset += ctx_vecs.size(0)
        scores = torch.cat(q_represent) @ torch.cat(ctx_represent).T
        ranks = (scores > scores.gather(1, torch.tensor(positive_idx, device=scores.device)[:, None])).sum(1)
        return ranks.float().mean().item()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--encoder", default="bert-base-uncased")
    p.add_argument("--train_file", required=True)
    p.add_argument("--dev_file", required=True)
    p.add_argument("--batch_size", type=int, default=16)
    p.add_argument("--dev_batch_size", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-5)
    p.add_argument("--epochs", type=int, default=3)
    args = p.parse_args()
    trainer = BiEncoderTrainer(args)
    for epoch in range(args.epochs):
        trainer.train_epoch()
        print(f"epoch {epoch} dev average rank {trainer.validate_average_rank():.2f}")
