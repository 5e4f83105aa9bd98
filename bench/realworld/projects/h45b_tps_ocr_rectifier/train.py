# source: https://github.com/parksunwoo/ocr_kor/issues/19
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# shape: multi-file, class, helper, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import random

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from model import TPSResNetBiLSTMCTC

CHARSET = "가나다라마바사아자차카타파하0123456789"


class SyntheticLines(Dataset):
    def __len__(self):
        return 512

    def __getitem__(self, idx):
        text = "".join(random.choice(CHARSET) for _ in range(random.randint(3, 8)))
        return {"image": torch.rand(1, 32, 100), "text": text}


def encode(texts):
    flat = [CHARSET.index(c) + 1 for t in texts for c in t]
    return torch.tensor(flat, dtype=torch.long), torch.tensor([len(t) for t in texts], dtype=torch.long)


def collate(batch):
    return {"image": torch.stack([b["image"] for b in batch]), "text": [b["text"] for b in batch]}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TPSResNetBiLSTMCTC(num_class=len(CHARSET) + 1).to(device)
    criterion = nn.CTCLoss(zero_infinity=True)
    optimizer = torch.optim.Adadelta(model.parameters(), lr=1.0)
    loader = DataLoader(SyntheticLines(), batch_size=32, shuffle=True, collate_fn=collate)
    for step, batch in enumerate(loader):
        image = batch["image"].to(device)
        targets, target_lens = encode(batch["text"])
        targets = targets.to(device)
        preds = model(image).log_softmax(2)
        pred_lens = torch.full((image.size(0),), preds.size(1), dtype=torch.long)
        loss = criterion(preds.permute(1, 0, 2), targets, pred_lens, target_lens)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 5 == 0:
            print(f"step {step}: ctc {loss.item():.4f}")
