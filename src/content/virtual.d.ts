declare module 'virtual:content/*' {
  const sections: { slug: string; title: string; html: string; widgets: string[] }[];
  export default sections;
}
