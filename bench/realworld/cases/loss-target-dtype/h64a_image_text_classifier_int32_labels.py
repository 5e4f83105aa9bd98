# source: https://github.com/autogluon/autogluon/issues/2777
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop
# bug-lines: 22, 34, 64
# needs: torch, transformers, pandas, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Fine-tune a CLIP-based image+text classifier on a product catalogue CSV."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from transformers import CLIPModel, CLIPProcessor


def encode_labels(df, column):
    classes = sorted(df[column].unique())
    mapping = {c: i for i, c in enumerate(classes)}
    codes = df[column].map(mapping).to_numpy(dtype=np.int32)
    return codes, classes


class ProductDataset(Dataset):
    def __init__(self, csv_path, processor, label_column="category"):
        df = pd.read_csv(csv_path)
        self.image_paths = df["image_path"].tolist()
        self.texts = df["title"].fillna("").tolist()
        codes, self.classes = encode_labels(df, label_column)
        self.processor = processor
        # keep labels as a tensor so the loader can batch them directly
        self.labels = torch.from_numpy(codes)

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, idx):
        image = Image.open(self.image_paths[idx]).convert("RGB")
        enc = self.processor(text=self.texts[idx], images=image, padding="max_length",
                             truncation=True, max_length=64, return_tensors="pt")
        item = {k: v.squeeze(0) for k, v in enc.items()}
        item["label"] = self.labels[idx]
        return item


class FusionClassifier(nn.Module):
    def __init__(self, num_classes, backbone="openai/clip-vit-base-patch32"):
        super().__init__()
        self.clip = CLIPModel.from_pretrained(backbone)
        dim = self.clip.config.projection_dim
        self.head = nn.Sequential(nn.Linear(2 * dim, 512), nn.ReLU(), nn.Dropout(0.1),
                                  nn.Linear(512, num_classes))

    def forward(self, input_ids, attention_mask, pixel_values):
        img = self.clip.get_image_features(pixel_values=pixel_values)
        txt = self.clip.get_text_features(input_ids=input_ids, attention_mask=attention_mask)
        return self.head(torch.cat([img, txt], dim=-1))


def compute_loss(model, batch):
    logits = model(batch["input_ids"], batch["attention_mask"], batch["pixel_values"])
    return F.cross_entropy(logits, batch["label"])


def train(csv_path, epochs=3, lr=2e-5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    processor = CLIPProcessor.from_pretrained("openai/clip-vit-base-patch32")
    ds = ProductDataset(csv_path, processor)
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=4)
    model = FusionClassifier(len(ds.classes)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = compute_loss(model, batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    return model


if __name__ == "__main__":
    train("products_train.csv")
