# source: https://github.com/clovaai/donut/issues/174
# error: none (correct: the model is halved together with the move, and the input follows the model's dtype)
# shape: class, helper
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class DonutModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 16, 4, stride=4)
        self.decoder = nn.Linear(16, 10)

    @torch.no_grad()
    def inference(self, image):
        ref = next(self.parameters())
        image_tensors = ((image.float() / 255.0 - 0.5) / 0.5).unsqueeze(0)
        image_tensors = image_tensors.to(device=ref.device, dtype=ref.dtype)
        hidden = self.patch(image_tensors).flatten(2).transpose(1, 2)
        return self.decoder(hidden).argmax(-1)[0].tolist()


def load_model():
    model = DonutModel()
    if torch.cuda.is_available():
        model.half()
        device = torch.device("cuda")
        model.to(device)
    return model.eval()


if __name__ == "__main__":
    model = load_model()
    image = torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8)
    print(model.inference(image)[:8])
