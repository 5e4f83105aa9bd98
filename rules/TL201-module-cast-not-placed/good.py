import torch
from torch import nn
from accelerate import Accelerator
from peft import LoraConfig, get_peft_model
from diffusers import CosmosPipeline
from transformers import AutoModel


def placed_before_wrapping(model_path, batch, device):
    model = AutoModel.from_pretrained(model_path, trust_remote_code=True)
    model = model.to(device=device, dtype=torch.float16)
    model = get_peft_model(model, LoraConfig(r=8))
    return model(batch["pixel_values"].to(device))


def device_map_places_it(model_path, batch):
    model = AutoModel.from_pretrained(model_path, torch_dtype=torch.float16, device_map="auto")
    return model(batch["input_ids"].to("cuda"))


def accelerate_places_it(model, batch):
    accelerator = Accelerator(mixed_precision="fp16")
    model = model.half()
    model = accelerator.prepare(model)
    return model(batch.to(accelerator.device))


def moved_after_cast(model, x, device):
    model.half()
    model.cuda()
    return model(x.to(device))


def moved_in_one_branch_only(model, x, use_gpu):
    # "Maybe moved" is not "never moved": no finding.
    model = model.half()
    if use_gpu:
        model = model.cuda()
    return model(x.cuda())


def handed_to_a_trainer(model, trainer_cls, x):
    # The Trainer places the model itself; after it, nothing is known.
    model = model.half()
    trainer = trainer_cls(model=model)
    trainer.train()
    return model(x.cuda())


def half_on_the_cpu(model, x):
    # Half on the CPU is another question (inputs are on the CPU too).
    model = model.half()
    return model(x.half())


def parts_moved_one_by_one(path, batch, device):
    # Moving parts makes the whole "maybe placed": nothing tells whether every part
    # the call runs was moved (here all three were). A known limit: a model with one
    # part left behind is not reported either.
    pipe = CosmosPipeline.from_pretrained(path, torch_dtype=torch.bfloat16)
    dit = pipe.transformer
    dit.to(device)
    pipe.vae.to(device)
    pipe.text_encoder.to(device)
    return pipe(video=batch["video"].to(device))


DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


def load_chat_model(path):
    # Cast and placed in one step; the prompt is made where the model is.
    model = AutoModel.from_pretrained(path, trust_remote_code=True).half().to(DEVICE)
    return model.eval()


def reply(model, ids):
    input_ids = torch.tensor([ids], device=DEVICE)
    return model(input_ids=input_ids).logits


def chat(path, prompts):
    model = load_chat_model(path)
    return [reply(model, ids) for ids in prompts]


class Encoder:
    # The VAE is placed where the images it encodes go.
    def __init__(self, path, device):
        self.device = device
        self.vae = AutoModel.from_pretrained(path).to(device=device, dtype=torch.bfloat16)

    def encode(self, image):
        return self.vae(image.to(self.device, dtype=torch.bfloat16))


class EncodedImages(torch.utils.data.Dataset):
    def __init__(self, encoder, images):
        self.encoder, self.images = encoder, images

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.encoder.encode(self.images[i]).to("cpu")


def pre_encode(path, images):
    encoder = Encoder(path, torch.device("cuda"))
    return list(torch.utils.data.DataLoader(EncodedImages(encoder, images), batch_size=2))


def control_nets(nets_dtype, image, device):
    # Every net of the list is moved by the loop.
    nets = [nn.Conv2d(3, 4, 3).half(), nn.Conv2d(3, 4, 3).half()]
    for net in nets:
        net.to(device)
    x = image.to(device, dtype=torch.float16)
    return sum(net(x) for net in nets)


class AdapterPipeline:
    def __init__(self, dtype=torch.float16):
        self.dtype = dtype

    def load_adapter(self):
        self.set_projection()

    def set_projection(self):
        self.proj = nn.Linear(16, 32).to("cuda", dtype=self.dtype)

    def __call__(self, embeds):
        # The second method placed the model where the embeddings go.
        return self.proj(embeds.to("cuda", dtype=self.dtype))


def project(embeds):
    pipe = AdapterPipeline()
    pipe.load_adapter()
    return pipe(embeds)


class Captioner(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 4, stride=4)

    def describe(self, image, prompt_ids):
        return self.stem(image).mean() + prompt_ids.sum()


def prepare(pixels, ids):
    return {"image": torch.from_numpy(pixels), "prompt_ids": torch.tensor(ids)}


def caption_script(pixels, ids, device):
    # Cast and placed in one call, the batch rebuilt the same way.
    captioner = Captioner().to(device=device, dtype=torch.bfloat16)
    batch = prepare(pixels, ids)
    batch = {
        key: t.to(device=device, dtype=torch.bfloat16) if t.is_floating_point() else t.to(device)
        for key, t in batch.items()
    }
    return captioner.describe(**batch)


def to_gpu(sample):
    # Whatever is a tensor goes to the GPU; file names and sizes pass as they are.
    return {k: v.cuda() if isinstance(v, torch.Tensor) else v for k, v in sample.items()}


def segment_all(samples, path):
    segmenter = AutoModel.from_pretrained(path, torch_dtype=torch.float16).cuda()
    return [segmenter(**to_gpu(sample)) for sample in samples]

