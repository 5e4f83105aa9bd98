# source: https://github.com/behavioral-data/Empathy-Mental-Health/issues/16
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: class, loader-loop, batch-dict
# bug-lines: 32, 50
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, RandomSampler, TensorDataset


class BiEncoderRationaleClassifier(nn.Module):
    def __init__(self, vocab=100, hidden=16, max_len=12, empathy_num_labels=3):
        super().__init__()
        self.empathy_num_labels = empathy_num_labels
        self.seeker_encoder = nn.Embedding(vocab, hidden)
        self.responder_encoder = nn.Embedding(vocab, hidden)
        self.empathy_head = nn.Linear(2 * hidden, empathy_num_labels)
        self.rationale_head = nn.Linear(hidden, 2)

    def forward(self, input_ids_SP, input_ids_RP, empathy_labels=None, rationale_labels=None,
                lambda_EI=0.5, lambda_RE=0.5):
        h_sp = self.seeker_encoder(input_ids_SP)
        h_rp = self.responder_encoder(input_ids_RP)
        logits_empathy = self.empathy_head(torch.cat([h_sp.mean(1), h_rp.mean(1)], dim=-1))
        logits_rationale = self.rationale_head(h_rp)
        loss_fct = nn.CrossEntropyLoss()
        loss_empathy = loss_fct(logits_empathy.view(-1, self.empathy_num_labels), empathy_labels.view(-1))
        loss_rationale = loss_fct(logits_rationale.view(-1, 2), rationale_labels.view(-1))
        loss = lambda_EI * loss_empathy + lambda_RE * loss_rationale
        return loss, loss_empathy, loss_rationale, logits_empathy, logits_rationale


parser = argparse.ArgumentParser("BiEncoder")
parser.add_argument("--lr", default=2e-5, type=float)
parser.add_argument("--max_len", default=12, type=int)
parser.add_argument("--batch_size", default=4, type=int)
args = parser.parse_args()

device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")

n = 16
input_ids_SP = torch.randint(0, 100, (n, args.max_len))
input_ids_RP = torch.randint(0, 100, (n, args.max_len))
raw_labels = np.random.randint(0, 3, size=n)
labels = torch.tensor(raw_labels.astype(np.int32))
rationales = torch.tensor(np.random.randint(0, 2, size=(n, args.max_len)), dtype=torch.long)

model = BiEncoderRationaleClassifier(max_len=args.max_len).to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, eps=1e-8)
train_dataset = TensorDataset(input_ids_SP, input_ids_RP, labels, rationales)
train_dataloader = DataLoader(train_dataset, sampler=RandomSampler(train_dataset), batch_size=args.batch_size)

model.train()
for step, batch in enumerate(train_dataloader):
    b_input_ids_SP = batch[0].to(device)
    b_input_ids_RP = batch[1].to(device)
    b_labels = batch[2].to(device)
    b_rationales = batch[3].to(device)
    model.zero_grad()
    loss, loss_empathy, loss_rationale, _, _ = model(input_ids_SP=b_input_ids_SP, input_ids_RP=b_input_ids_RP,
                                                    empathy_labels=b_labels, rationale_labels=b_rationales)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
