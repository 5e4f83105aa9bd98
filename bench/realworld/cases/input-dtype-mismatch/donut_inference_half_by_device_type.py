# source: https://github.com/clovaai/donut/issues/174
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper
# bug-lines: 39
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class SwinEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 16, 4, stride=4)

    def prepare_input(self, image):
        return (image.float() / 255.0 - 0.5) / 0.5

    def forward(self, x):
        return self.patch(x).flatten(2).transpose(1, 2)


class DonutModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = SwinEncoder()
        self.decoder = nn.Linear(16, 10)

    @property
    def device(self):
        return next(self.parameters()).device

    @torch.no_grad()
    def inference(self, image=None, image_tensors=None, prompt_tensors=None):
        if image_tensors is None:
            image_tensors = self.encoder.prepare_input(image).unsqueeze(0)
        if self.device.type == "cuda":  # half is not compatible in cpu implementation.
            image_tensors = image_tensors.half()
            image_tensors = image_tensors.to(self.device)
        last_hidden_state = self.encoder(image_tensors)
        if self.device.type != "cuda":
            last_hidden_state = last_hidden_state.to(torch.float32)
        logits = self.decoder(last_hidden_state)
        return {"predictions": [logits.argmax(-1)[0].tolist()]}


def demo_process(model, input_img, task_prompt="<s_cord-v2>"):
    return model.inference(image=input_img)["predictions"][0]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    pretrained_model = DonutModel()
    pretrained_model.to(device)
    pretrained_model.eval()
    image = torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8)
    print(demo_process(pretrained_model, image))
