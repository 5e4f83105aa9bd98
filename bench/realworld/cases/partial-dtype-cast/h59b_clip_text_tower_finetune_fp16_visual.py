# source: https://github.com/KeremTurgutlu/self_supervised/issues/55
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: loader-loop, helper
# bug-lines: 45
# needs: torch, open_clip, pandas, PIL
# cpu: no written where torch was not installed; not run
import open_clip
import pandas as pd
import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset


class CaptionPairs(Dataset):
    def __init__(self, csv_path, preprocess, tokenizer):
        self.df = pd.read_csv(csv_path)
        self.preprocess = preprocess
        self.tokenizer = tokenizer

    def __len__(self):
        return len(self.df)

    def __getitem__(self, i):
        row = self.df.iloc[i]
        image = self.preprocess(Image.open(row["path"]).convert("RGB"))
        return image, self.tokenizer([row["caption"]])[0]


def clip_loss(image_features, text_features, logit_scale):
    image_features = F.normalize(image_features, dim=-1)
    text_features = F.normalize(text_features, dim=-1)
    logits = logit_scale.exp() * image_features @ text_features.t()
    labels = torch.arange(logits.shape[0], device=logits.device)
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels)) / 2


def main(csv_path="captions.csv", epochs=5):
    device = "cuda"
    model, _, preprocess = open_clip.create_model_and_transforms("ViT-B-32", pretrained="laion2b_s34b_b79k")
    tokenizer = open_clip.get_tokenizer("ViT-B-32")
    model = model.to(device)
    # frozen image tower kept in half precision to fit a bigger contrastive batch
    model.visual.half()
    for p in model.visual.parameters():
        p.requires_grad_(False)

    loader = DataLoader(CaptionPairs(csv_path, preprocess, tokenizer), batch_size=256, shuffle=True, num_workers=8)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=1e-5, weight_decay=0.1)

    for epoch in range(epochs):
        for images, texts in loader:
            images, texts = images.to(device).half(), texts.to(device)
            with torch.no_grad():
                image_features = model.encode_image(images)
            text_features = model.encode_text(texts)
            loss = clip_loss(image_features, text_features, model.logit_scale)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
