# source: https://github.com/kamalkraj/BERT-NER/issues/41
# error: RuntimeError: Expected object of scalar type Float but got scalar type Half for argument #2 'mat2'
# pattern: input-dtype-mismatch
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 27, 37
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader
from transformers import BertModel


class FirstSubtokenTagger(nn.Module):
    """BERT token classifier that predicts one tag per word (first word piece)."""

    def __init__(self, bert_name, num_labels, dropout=0.1):
        super().__init__()
        self.bert = BertModel.from_pretrained(bert_name)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(self.bert.config.hidden_size, num_labels)

    def pool_first_subtokens(self, hidden, word_starts):
        bsz, seq_len, dim = hidden.shape
        pooled = torch.zeros(bsz, seq_len, dim, dtype=torch.float32, device=hidden.device)
        for b in range(bsz):
            positions = word_starts[b].nonzero(as_tuple=True)[0]
            pooled[b, : positions.numel()] = hidden[b, positions]
        return pooled

    def forward(self, input_ids, attention_mask, token_type_ids, word_starts):
        hidden = self.bert(input_ids, attention_mask=attention_mask,
                           token_type_ids=token_type_ids)[0]
        pooled = self.pool_first_subtokens(hidden, word_starts)
        return self.classifier(self.dropout(pooled))


def train(args, train_dataset, num_labels):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FirstSubtokenTagger(args.bert_model, num_labels)
    if args.fp16:
        model.half()
    model.to(device)

    loader = DataLoader(train_dataset, batch_size=args.batch_size, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, eps=1e-4)
    loss_fct = nn.CrossEntropyLoss(ignore_index=0)
    model.train()
    for epoch in range(args.epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(batch["input_ids"], batch["attention_mask"],
                           batch["token_type_ids"], batch["word_starts"])
            loss = loss_fct(logits.float().view(-1, num_labels), batch["label_ids"].view(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bert_model", default="bert-base-cased")
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--fp16", action="store_true")
    parser.add_argument("--data", default="train.pt")
    args = parser.parse_args()
    dataset = torch.load(args.data)
    train(args, dataset, num_labels=10)
