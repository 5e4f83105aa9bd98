# source: https://github.com/huggingface/sentence-transformers/pull/3751
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::BFloat16
# pattern: input-dtype-mismatch
# shape: class, loader-loop, batch-dict
# bug-lines: 27, 33
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer


class PairwiseRewardModel(nn.Module):
    """Encoder backbone + mean pooling + scalar head, trained on chosen/rejected pairs."""

    def __init__(self, name):
        super().__init__()
        self.backbone = AutoModel.from_pretrained(name, torch_dtype=torch.bfloat16)
        hidden = self.backbone.config.hidden_size
        self.value_head = nn.Linear(hidden, 1, bias=False).to(torch.bfloat16)

    def pool(self, hidden_states, attention_mask):
        mask = attention_mask.unsqueeze(-1)
        summed = (hidden_states * mask).sum(dim=1)
        lengths = torch.clamp(attention_mask.sum(dim=1, keepdim=True), min=1e-9)
        return summed / lengths

    def forward(self, input_ids, attention_mask):
        out = self.backbone(input_ids=input_ids, attention_mask=attention_mask)
        pooled = self.pool(out.last_hidden_state, attention_mask)
        return self.value_head(pooled).squeeze(-1)


def pairwise_loss(model, batch):
    r_chosen = model(batch["chosen_ids"], batch["chosen_mask"])
    r_rejected = model(batch["rejected_ids"], batch["rejected_mask"])
    return -F.logsigmoid(r_chosen - r_rejected).mean()


def make_loader(tok, rows, batch_size=8):
    def collate(items):
        c = tok([x["chosen"] for x in items], padding=True, truncation=True, return_tensors="pt")
        r = tok([x["rejected"] for x in items], padding=True, truncation=True, return_tensors="pt")
        return {"chosen_ids": c.input_ids, "chosen_mask": c.attention_mask,
                "rejected_ids": r.input_ids, "rejected_mask": r.attention_mask}
    return DataLoader(rows, batch_size=batch_size, shuffle=True, collate_fn=collate)


def main():
    device = torch.device("cuda")
    name = "BAAI/bge-small-en-v1.5"
    tok = AutoTokenizer.from_pretrained(name)
    model = PairwiseRewardModel(name).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5)
    rows = [{"chosen": "The capital of France is Paris.", "rejected": "France capital idk"}] * 64
    for step, batch in enumerate(make_loader(tok, rows)):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = pairwise_loss(model, batch)
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step % 4 == 0:
            print(f"step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
