# source: https://github.com/Tencent/AngelSlim/issues/147
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::BFloat16 != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper, batch-dict, loader-loop
# bug-lines: 36, 44, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Offline EAGLE-3 draft training: target logits come from the frozen lm_head."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

from hidden_dataset import OfflineHiddenDataset, collate_hidden
from target_head import load_target_head

TARGET = "/models/Qwen3-8B"
device = torch.device("cuda")
HIDDEN, VOCAB = 4096, 151936


class Eagle3Draft(nn.Module):
    def __init__(self, hidden, vocab):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden)
        self.fc = nn.Linear(3 * hidden, hidden, bias=False)
        self.layer = nn.TransformerEncoderLayer(2 * hidden, 32, 4 * hidden, batch_first=True)
        self.proj = nn.Linear(2 * hidden, hidden, bias=False)

    def forward(self, hidden_states, input_ids):
        fused = torch.cat([self.embed(input_ids), self.fc(hidden_states)], dim=-1)
        return self.proj(self.layer(fused))


draft = Eagle3Draft(HIDDEN, VOCAB).to(device=device, dtype=torch.bfloat16)
target_head = load_target_head(TARGET, device)
optimizer = torch.optim.AdamW(draft.parameters(), lr=1e-4)
loader = DataLoader(OfflineHiddenDataset("/data/eagle3_hiddens"), batch_size=4,
                    shuffle=True, collate_fn=collate_hidden)

for step, batch in enumerate(loader):
    batch = {k: v.to(device) for k, v in batch.items()}
    with torch.no_grad():
        target_logits = target_head(batch["target_hiddens"])
        target_p = F.softmax(target_logits.float(), dim=-1)
    draft_hidden = draft(batch["hidden_states"], batch["input_ids"])
    draft_logp = F.log_softmax(target_head(draft_hidden).float(), dim=-1)
    mask = batch["loss_mask"].unsqueeze(-1)
    loss = -(target_p * draft_logp * mask).sum() / mask.sum().clamp(min=1)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    if step % 50 == 0:
        print(step, loss.item())
